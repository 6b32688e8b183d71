"""The claims family: specific factual claims that need a source.

- `registry.py`: `claim-registry`, the editors' list of known claims (rules/claims.yml `claims:`);
- `unsourced.py`: `unsourced-claim`, the check-worthiness detector;
- `citations.py`: what counts as a source for a sentence;
- `signals.py`: the lexical signals of a specific claim;
- `model/`: the shipped linear model, its training and evaluation scripts.
"""
