package com.hrt.sre.portal.chaos;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every admin route before its handler runs, and so before any argument resolver or
 * the handler itself reads a byte of the body: a caller without the token cannot make the portal
 * read (or buffer) anything. A rejection is answered and counted by the error handler.
 */
class AdminAuthInterceptor implements HandlerInterceptor {

  private final AdminAccess access;

  AdminAuthInterceptor(AdminAccess access) {
    this.access = access;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    access.check(request.getHeader(HttpHeaders.AUTHORIZATION));
    return true;
  }
}
