package com.hrt.sre.portal.records;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The records catalogue.
 *
 * @param count how many records exist, ids 1..count ({@code PORTAL_RECORDS}, default 10000)
 */
@ConfigurationProperties(prefix = "portal.records")
@Validated
public record RecordsProperties(@Min(1) @Max(10_000_000) long count) {}
