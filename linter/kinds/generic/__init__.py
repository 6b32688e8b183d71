"""Generic kinds that editors instantiate in YAML for any family."""
