"""Microsoft Teams adapter: translates between Teams activities and the platform-neutral services."""  # noqa: E501
