"""The contract shared by the desk and the reference platform.

Case document models, the case-bundle reader and writer, the content-addressed file
store both sides keep evidence in, and the wire protocol of the sync API. Kept small on
purpose: ``platform_server`` may import this package and nothing else from ``app``.
"""
