"""eventwire: turn conflict news into a trustworthy event dataset."""
