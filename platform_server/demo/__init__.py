"""Demo data for the reference platform: people, shops, stories, pictures and PDFs."""
