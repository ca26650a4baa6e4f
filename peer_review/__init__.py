"""The Assessment and Cooperation Forum (Forum Oceny i Współpracy): cycles, challenges, observers."""
