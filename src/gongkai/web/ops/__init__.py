"""Operating the platform: backups and restores, deployment checks, health endpoints, logs, CSP.

See docs/deploy.md.
"""
