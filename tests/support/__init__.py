"""Test support shared with the benchmarks: a Slack stand-in and payload builders."""
