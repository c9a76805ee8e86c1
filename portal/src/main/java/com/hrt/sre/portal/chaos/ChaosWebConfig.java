package com.hrt.sre.portal.chaos;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts failure injection in front of the API routes, and the token check in front of admin's. */
@Configuration(proxyBeanMethods = false)
class ChaosWebConfig implements WebMvcConfigurer {

  static final String API_ROUTES = "/api/**";
  static final String ADMIN_ROUTES = "/admin/**";

  private final ChaosControl control;
  private final MeterRegistry registry;
  private final AdminAccess access;
  private final ChaosDelay delay;

  ChaosWebConfig(
      ChaosControl control, MeterRegistry registry, AdminAccess access, ChaosDelay delay) {
    this.control = control;
    this.registry = registry;
    this.access = access;
    this.delay = delay;
  }

  @Override
  public void addInterceptors(InterceptorRegistry interceptors) {
    interceptors
        .addInterceptor(new ChaosInterceptor(control, delay, registry))
        .addPathPatterns(API_ROUTES);
    interceptors.addInterceptor(new AdminAuthInterceptor(access)).addPathPatterns(ADMIN_ROUTES);
  }
}
