"""Event coding: taxonomy names, the mention model, and the stages that fill it."""
