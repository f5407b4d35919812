"""Supervision across the hierarchy (监督): checking reports, report status, consolidation, 督办.

A supervisor (a superior 政务公开办, role ``supervisor``) reads its whole subtree through
:mod:`gongkai.web.accounts.scope`; its only writes here are 督办 notices and review decisions.
"""
