"""`okrgen report`: a static, self-contained site across many plans (index + a page per plan)."""
