package com.hrt.sre.drill.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads one YAML document as plain maps, lists and scalars (SafeConstructor: no custom types). */
public final class YamlFile {

  private YamlFile() {}

  /**
   * The document in {@code file}, or a {@link ConfigFileException} naming the file and what is
   * wrong with it.
   */
  public static Object read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot read: " + e.getMessage());
    } catch (YAMLException e) {
      throw new ConfigFileException(
          file, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
