"""Role templates: finding them, typing their parameters, filling them into plans, and the
checks a template author's work must pass (`okrgen catalog validate`)."""
