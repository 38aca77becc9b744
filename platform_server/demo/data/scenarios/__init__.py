"""One file of dispute stories per category."""
