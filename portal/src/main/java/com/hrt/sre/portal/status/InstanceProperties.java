package com.hrt.sre.portal.status;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this instance is, for the status page.
 *
 * @param name {@code POD_NAME}, else {@code HOSTNAME} (Kubernetes sets it to the pod name), else
 *     the machine's host name
 */
@ConfigurationProperties(prefix = "portal.instance")
@Validated
public record InstanceProperties(String name) {}
