"""Which packages the wheel carries; everything else about the project is in pyproject.toml.

``resources/`` (data, not code) keeps its place at the top of the source tree and is
installed as the package ``mediation_desk_resources``; pyproject.toml's package finder
cannot map a folder to another name, so the list is made here.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["app", "app.*", "ui", "ui.*", "reports", "reports.*"]),
        *find_packages(include=["platform_server", "platform_server.*"]),
        "mediation_desk_resources",
    ],
    package_dir={"mediation_desk_resources": "resources"},
)
