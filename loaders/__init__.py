"""Turn curated dataset files into a validated, derived graph ready to write."""
