"""Excel in and out: reader, writer, template and header aliases (never imports the solver)."""
