"""The registers web system (台账): Django project. Only this package may import Django."""
