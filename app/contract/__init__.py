"""The contract shared by the desk and the reference platform.

Case document models, the case-bundle reader and writer, the content-addressed file
store both sides keep evidence in, the wire protocol of the sync API, and the words for
what is wrong with a document, a body or a bundle (``problems``: said in the reader's
language; the platform says them in English). Kept small on
purpose: ``platform_server`` may import this package and nothing else from ``app``.
"""
