class Config:
    def __init__(self, data):
        self.port = int(data["port"])
Config({"port": "80"})
Config({"port": "eighty"})
