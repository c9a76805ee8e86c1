# scripts/lib-local.sh seed_history: prints OpenMetrics text: a healthy portal's API request counter, one sample per STEP seconds
# from START to UNTIL (epoch seconds), growing at RATE requests per second. No TYPE line: a counter
# family would need the _total suffix, and the rules read http_server_requests_seconds_count.
BEGIN {
  labels = "{job=\"portal\",instance=\"history\",uri=\"/api/records\",method=\"GET\",status=\"200\",outcome=\"SUCCESS\",exception=\"none\"}"
  for (t = START; t <= UNTIL; t += STEP) {
    printf "http_server_requests_seconds_count%s %d %d\n", labels, (t - START) * RATE, t
  }
  print "# EOF"
}
