package com.hrt.sre.portal.chaos;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts failure injection in front of the API routes, and only those. */
@Configuration(proxyBeanMethods = false)
class ChaosWebConfig implements WebMvcConfigurer {

  static final String API_ROUTES = "/api/**";

  private final ChaosControl control;
  private final MeterRegistry registry;

  ChaosWebConfig(ChaosControl control, MeterRegistry registry) {
    this.control = control;
    this.registry = registry;
  }

  @Override
  public void addInterceptors(InterceptorRegistry interceptors) {
    interceptors
        .addInterceptor(new ChaosInterceptor(control, registry))
        .addPathPatterns(API_ROUTES);
  }
}
