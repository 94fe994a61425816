"""The one version string of newsweave (the package, the JSON report and the web app)."""

__version__ = "0.1.0"
