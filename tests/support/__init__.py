"""Test support: a Slack stand-in and payload builders (shared with the benchmarks), and stores."""
