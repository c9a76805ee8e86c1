package com.hrt.sre.gitops.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the watcher syncs, and how. Each setting also comes from a {@code GITOPS_*} environment
 * variable (application.properties maps them).
 *
 * @param repository a local path or a remote URL (anything {@code git clone} accepts)
 * @param branch the branch whose tip is applied
 * @param path the Kustomize overlay inside the repository, e.g. {@code k8s/overlays/dev}
 * @param pollInterval how often the branch is fetched
 * @param workDir where the watcher keeps its own clone (never the user's working tree)
 * @param kubectl the kubectl binary that renders the overlay ({@code kubectl kustomize})
 * @param kustomizeFlags extra flags for {@code kubectl kustomize}, e.g. the load restrictor
 * @param fieldManager the server-side apply field manager: the watcher owns only its fields
 * @param owner the value of the ownership label; prune only ever deletes objects carrying it
 * @param namespaces the only namespaces it applies to and prunes in
 * @param clusterScoped the only cluster-scoped objects it applies, as {@code kind.group/name}
 *     ({@code namespace/portal}, {@code clusterrole.rbac.authorization.k8s.io/auto-healer})
 * @param dryRun log what would change instead of changing it
 * @param once sync once and exit (set by {@code --once})
 * @param renderTimeout how long {@code kubectl kustomize} may take
 * @param gitTimeout JGit's network timeout for clone and fetch: no data for this long fails it
 * @param fetchTimeout the bound on a whole clone and fetch, however the remote behaves
 * @param retryMaxBackoff the longest wait between retries after a retryable failure (the first
 *     retry waits one poll interval, each further one twice as long, up to this)
 */
@Validated
@ConfigurationProperties(prefix = "gitops")
public record GitopsProperties(
    @NotBlank String repository,
    @NotBlank String branch,
    @NotBlank String path,
    @NotNull Duration pollInterval,
    @NotNull Path workDir,
    @NotBlank String kubectl,
    @NotNull List<String> kustomizeFlags,
    @NotBlank String fieldManager,
    @NotBlank @Pattern(regexp = LABEL_VALUE, message = "must be a valid label value") String owner,
    @NotEmpty List<@NotBlank String> namespaces,
    @NotNull
        List<@Pattern(regexp = CLUSTER_SCOPED_KEY, message = "must be kind.group/name") String>
            clusterScoped,
    boolean dryRun,
    boolean once,
    @NotNull Duration renderTimeout,
    @NotNull Duration gitTimeout,
    @NotNull Duration fetchTimeout,
    @NotNull Duration retryMaxBackoff) {

  /** The label every object the watcher applies carries; prune looks only at these. */
  public static final String OWNER_LABEL = "hrt-sre/gitops-owner";

  private static final String CLUSTER_SCOPED_KEY = "[a-z0-9]+(\\.[a-z0-9.-]+)?/[a-z0-9.-]+";

  private static final String LABEL_VALUE = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
}
