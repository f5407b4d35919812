"""The site shell: home page per role, navigation, the public agency directory."""
