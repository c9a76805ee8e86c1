package com.hrt.sre.loadgen.admin;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link AdminGate} in front of {@code /admin/*} (mapped by the servlet container). */
@Configuration(proxyBeanMethods = false)
class AdminWebConfig {

  @Bean
  FilterRegistrationBean<AdminGate> adminGate(AdminToken token, AdminRejections rejections) {
    FilterRegistrationBean<AdminGate> registration =
        new FilterRegistrationBean<>(new AdminGate(token, rejections));
    registration.addUrlPatterns("/admin/*");
    return registration;
  }
}
