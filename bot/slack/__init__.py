"""The Slack adapter: Slack payloads in, questions to the answer engine, Block Kit out."""
