"""fastjsonschema checks generated from schemas/ by scripts/gen_validators.py."""
