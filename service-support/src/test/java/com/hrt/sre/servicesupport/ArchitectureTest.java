package com.hrt.sre.servicesupport;

import com.hrt.sre.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void followsTheProjectArchitectureRules() {
    ArchitectureRules.check("com.hrt.sre.servicesupport");
  }
}
