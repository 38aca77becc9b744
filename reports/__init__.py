"""PDF documents: decision documents rendered from their records (``render_record``);
signatures follow (issue 13). Never imports ``ui``."""

from reports.pdf import render_record

__all__ = ["render_record"]
