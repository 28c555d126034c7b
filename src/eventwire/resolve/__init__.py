"""One event, many reports: copy families, stories, and mentions merged into events (`run.Resolver`)."""
