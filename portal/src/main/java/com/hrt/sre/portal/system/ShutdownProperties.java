package com.hrt.sre.portal.system;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Graceful-shutdown settings.
 *
 * @param drainDelay how long the instance keeps serving after readiness went DOWN and before the
 *     web server stops accepting connections: time for Kubernetes to take the pod out of the
 *     Service's endpoints, so no request hits a closed socket. 0 locally; a few seconds in a
 *     cluster.
 */
@ConfigurationProperties(prefix = "portal.shutdown")
@Validated
public record ShutdownProperties(@NotNull Duration drainDelay) {}
