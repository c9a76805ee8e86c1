package com.hrt.sre.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole portal on a random port bound to 127.0.0.1, spoken to over real HTTP (see {@link
 * PortalClient}). Add {@code @TestPropertySource} for settings a test needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "portal.instance.name=test-pod"})
public @interface PortalHttpTest {}
