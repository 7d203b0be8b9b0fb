"""The benchmark suite: how check, build, verify, serve and the published bytes scale with the content.

``python -m benchmarks`` grows the shipped content into synthetic sites of N playbooks
(:mod:`benchmarks.corpus`), measures each command against a floor measured in the same run
(:mod:`benchmarks.baselines`, :mod:`benchmarks.measure`), weighs what a reader downloads
(:mod:`benchmarks.site`), times an edit under ``serve`` (:mod:`benchmarks.serve`) and prints one
table with the targets it is held to (:mod:`benchmarks.report`). Speed is measured, not assumed.
"""
