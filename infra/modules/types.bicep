metadata description = 'Types shared by the modules.'

@export()
@description('Resource tags: names to string values.')
type tagSet = {
  @description('A tag value.')
  *: string
}
