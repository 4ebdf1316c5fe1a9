"""The workbench: a local web app to explore a case (``caseboard serve``)."""

from caseboard.web.app import create_app

__all__ = ["create_app"]
