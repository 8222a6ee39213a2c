metadata description = 'Azure Container Registry that azd pushes the image to; pulled by the app through its managed identity.'

import { tagSet } from 'types.bicep'

@description('Azure region of the registry.')
param location string

@description('Tags put on the registry.')
param tags tagSet

@description('Globally unique registry name (alphanumeric).')
@minLength(5)
@maxLength(50)
param name string

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

@description('Name of the registry.')
output name string = registry.name

@description('Login server of the registry, e.g. crxyz.azurecr.io.')
output loginServer string = registry.properties.loginServer
