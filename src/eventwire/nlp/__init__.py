"""Rule-based readers for one sentence or a short text: tolls, event dates, attribution and factuality."""
