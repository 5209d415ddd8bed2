"""One way to import a file, whatever it holds and whoever asks: an importer plans (reads,
checks, matches; writes nothing) and applies (creates; never commits); the flow around it
previews, saves in one transaction and turns a lost race into a refusal."""
