"""Missing Funds Playbook generator: YAML content → validated model → MkDocs pages.

The pipeline is ``load → validate → model → check → render`` (see :mod:`generator.pipeline`);
the CLI (:mod:`generator.cli`) and the MkDocs plugin (:mod:`generator.plugin`) both call it.
"""
