"""Progress on a plan: check-ins, scores, and the funnel maths that links revenue to leads."""
