package com.hrt.sre.loadgen.admin;

/** What {@code GET} and {@code PUT /admin/rate} answer. */
record RateView(double rate, double maxRate) {}
