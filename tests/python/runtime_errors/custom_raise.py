class ValidationError(Exception):
    pass
def validate(n):
    if n < 0:
        raise ValidationError("negative: " + str(n))
    return n
validate(1)
validate(-5)
