"""The Content-Security-Policy of the platform (no Django import: the settings read it)."""

#: The policy (decision D44): scripts and style sheets only from the platform itself — no inline
#: script, no ``eval``, no ``<style>`` element; style *attributes* are allowed (ECharts draws its
#: tooltips with them); nothing may frame the platform; forms post only to it.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
