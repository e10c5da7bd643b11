"""What `propalint check` adds around the engine: rule selection, severity overrides, per-file
ignores, inline suppressions and baselines. Each concern is one module."""
