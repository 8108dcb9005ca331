"""Suggest codes and evidence levels for segments: zero-shot similarity plus a trained model."""
