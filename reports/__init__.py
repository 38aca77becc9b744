"""PDF documents (ReportLab) and their signatures (pyHanko). Never imports ``ui``."""
