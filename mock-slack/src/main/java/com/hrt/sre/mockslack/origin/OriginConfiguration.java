package com.hrt.sre.mockslack.origin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every handler of mock-slack is behind the same-origin check. */
@Configuration(proxyBeanMethods = false)
class OriginConfiguration implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new SameOriginInterceptor());
  }
}
