console.log("worker ok", 1 as number);
